package nl.mailwijs.platform;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer mw_...}: a valid token signs the request in with its scope. */
class ApiTokenFilter extends OncePerRequestFilter {

    static final String READ = "SCOPE_read";
    static final String WRITE = "SCOPE_write";

    private final ApiTokens tokens;
    private final ProblemWriter problems;

    ApiTokenFilter(ApiTokens tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Holder> holder = tokens.authenticate(header.substring(7).strip());
        if (holder.isEmpty()) {
            problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Invalid token",
                    "The API token is unknown or revoked. Create one with 'bin/mailwijs token create --scope read|write'.");
            return;
        }
        List<SimpleGrantedAuthority> authorities = holder.get().scope() == TokenScope.WRITE
                ? List.of(new SimpleGrantedAuthority(READ), new SimpleGrantedAuthority(WRITE))
                : List.of(new SimpleGrantedAuthority(READ));
        var authentication = new UsernamePasswordAuthenticationToken(holder.get(), null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}

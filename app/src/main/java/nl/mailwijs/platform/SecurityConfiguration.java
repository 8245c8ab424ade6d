package nl.mailwijs.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Everything but health needs a login. Machines use API tokens (read: look and decide; write:
 * also change); people use the admin login, over HTTP Basic for the API. Reading the ledger
 * with a read token is allowed; every change needs write.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final String ADMIN = "ROLE_ADMIN";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, ProblemWriter problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Unsubscribing is free and one step (Tw 11.7): no login; the signed token in the link is the key.
                        .requestMatchers("/u/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .hasAnyAuthority(ApiTokenFilter.READ, ADMIN)
                        // Deciding changes nothing: a read token may ask.
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions").hasAnyAuthority(ApiTokenFilter.READ, ADMIN)
                        .requestMatchers("/api/**").hasAnyAuthority(ApiTokenFilter.WRITE, ADMIN)
                        .anyRequest().hasAuthority(ADMIN))
                .httpBasic(basic -> basic.realmName("mailwijs"))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/u/**"))
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response, 401, "Unauthorized",
                                "Sign in: 'Authorization: Bearer <token>' (bin/mailwijs token create) or the admin login."))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, 403, "Forbidden",
                                "This login may not do this; changes need a write token or the admin login.")));
        return http.build();
    }
}

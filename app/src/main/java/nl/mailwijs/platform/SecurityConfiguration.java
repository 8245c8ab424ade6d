package nl.mailwijs.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors. The API (and the machine endpoints beside it) is for programs: API tokens (read:
 * look and decide; write: also change) or a person's login over HTTP Basic (a viewer reads like a
 * read token, a marketer changes like a write token but for the sender settings), every refusal a 401
 * or 403 problem document, no session. The web application is for people: a sign-in form, a
 * session whose id changes at sign-in, a CSRF token in every form, and headers that let the
 * browser run only the application's own scripts and styles.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String ADMIN = UserRole.ADMIN.authority();
    static final String MARKETER = UserRole.MARKETER.authority();
    static final String VIEWER = UserRole.VIEWER.authority();

    /**
     * Only the application's own files run; nothing inline (htmx is configured by a meta tag, not a
     * script). Previews of e-mail HTML are framed from this origin and send a stricter policy of
     * their own; no other site may frame a page.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokens tokens, ProblemWriter problems) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // A key, not a reading: only who may change things may see it.
                        .requestMatchers(HttpMethod.GET, "/api/v1/notifications/webhook-secret").hasAnyAuthority(ApiTokenFilter.WRITE, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .hasAnyAuthority(ApiTokenFilter.READ, ADMIN, MARKETER, VIEWER)
                        // Deciding changes nothing: a read token may ask.
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions").hasAnyAuthority(ApiTokenFilter.READ, ADMIN, MARKETER, VIEWER)
                        // Who the sender is, is the administrator's to say (as on the settings page).
                        .requestMatchers("/api/v1/settings", "/api/v1/settings/**").hasAnyAuthority(ApiTokenFilter.WRITE, ADMIN)
                        .requestMatchers("/api/**").hasAnyAuthority(ApiTokenFilter.WRITE, ADMIN, MARKETER)
                        .anyRequest().hasAuthority(ADMIN))
                .httpBasic(basic -> basic.realmName("mailwijs"))
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response, 401, "Unauthorized",
                                "Sign in: 'Authorization: Bearer <token>' (bin/mailwijs token create) or the admin login."))
                        .accessDeniedHandler((request, response, e) -> problems.write(response, 403, "Forbidden",
                                "This login may not do this; changes need a write token or the admin login.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // Unsubscribing is free and one step (Tw 11.7): no login; the signed token in the link is the key.
                        .requestMatchers("/u/**").permitAll()
                        // Signing up is public (forms are posted from the sender's own site); confirming needs only the signed link.
                        .requestMatchers("/f/**").permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/vendor/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/settings/**", "/users/**", "/tokens/**").hasAuthority(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyAuthority(ADMIN, MARKETER, VIEWER)
                        .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                        .anyRequest().hasAnyAuthority(ADMIN, MARKETER))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                // The button and the one-click POST of an unsubscribe link come from a mail client, without a token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/u/**", "/f/**"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}

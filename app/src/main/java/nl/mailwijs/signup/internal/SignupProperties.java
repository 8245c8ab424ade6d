package nl.mailwijs.signup.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailwijs.signup.*}.
 *
 * @param confirmationValidFor     how long a confirmation link works
 * @param confirmationMailInterval at most one confirmation mail per address within this time, so
 *                                 a form cannot be used to flood someone's mailbox
 * @param keepUnconfirmedFor       how long after expiry an unconfirmed sign-up (and so its address) is kept
 * @param submissionsPerIp         submissions one IP address may make per {@code submissionsPerIpPeriod}
 *                                 (a token bucket: that many at once, then evenly spread)
 * @param submissionsPerForm       submissions one form takes per {@code submissionsPerFormPeriod}, from everyone together
 */
@ConfigurationProperties("mailwijs.signup")
public record SignupProperties(@DefaultValue("72h") Duration confirmationValidFor,
                               @DefaultValue("10m") Duration confirmationMailInterval,
                               @DefaultValue("30d") Duration keepUnconfirmedFor,
                               @DefaultValue("10") int submissionsPerIp,
                               @DefaultValue("1h") Duration submissionsPerIpPeriod,
                               @DefaultValue("600") int submissionsPerForm,
                               @DefaultValue("1h") Duration submissionsPerFormPeriod) {

    public SignupProperties {
        positive("confirmation-valid-for", confirmationValidFor);
        positive("submissions-per-ip-period", submissionsPerIpPeriod);
        positive("submissions-per-form-period", submissionsPerFormPeriod);
        if (confirmationMailInterval.isNegative() || keepUnconfirmedFor.isNegative()) {
            throw new IllegalArgumentException("mailwijs.signup: confirmation-mail-interval and keep-unconfirmed-for cannot be negative");
        }
        if (submissionsPerIp < 1 || submissionsPerForm < 1) {
            throw new IllegalArgumentException("mailwijs.signup: submissions-per-ip and submissions-per-form must be at least 1");
        }
    }

    /** The defaults, for code that builds the module without Spring (tests). */
    public static SignupProperties defaults() {
        return new SignupProperties(Duration.ofHours(72), Duration.ofMinutes(10), Duration.ofDays(30), 10, Duration.ofHours(1), 600,
                Duration.ofHours(1));
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("mailwijs.signup." + name + " must be a positive duration such as 72h");
        }
    }
}

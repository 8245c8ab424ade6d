package nl.mailwijs.signup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import nl.mailwijs.testing.OffsetClock;

class RateLimiterTests {

    @Test
    void aBucketTakesItsCapacityAtOnceThenRefillsEvenlyPerKey() {
        OffsetClock clock = new OffsetClock();
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(30), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("192.0.2.1").allowed()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.take("192.0.2.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        assertThat(limiter.take("192.0.2.2").allowed()).as("another key").isTrue();

        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.take("192.0.2.1").allowed()).isTrue();
        assertThat(limiter.take("192.0.2.1").allowed()).isFalse();
    }
}

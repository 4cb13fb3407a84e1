package io.parley.command.web;

import java.util.Locale;

import org.springframework.stereotype.Component;

/** The service's rate limits (docs/api.md "Auth"), shared by the web interceptor and the login flow. */
@Component
public class RateLimits {

    private final RateLimiter loginFailuresPerAccount;
    private final RateLimiter authPerIp;
    private final RateLimiter writesPerUser;

    RateLimits(RateLimitProperties properties) {
        this.loginFailuresPerAccount = new RateLimiter(properties.loginFailuresPerAccount(), properties.maxTrackedKeys());
        this.authPerIp = new RateLimiter(properties.authPerIp(), properties.maxTrackedKeys());
        this.writesPerUser = new RateLimiter(properties.writesPerUser(), properties.maxTrackedKeys());
    }

    /** Before checking a password: 429 once the account has used up its failed attempts. */
    public void checkLoginAllowed(String email) {
        loginFailuresPerAccount.waitTime(accountKey(email)).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }

    public void recordLoginFailure(String email) {
        loginFailuresPerAccount.tryAcquire(accountKey(email));
    }

    void acquireAuthRequest(String clientAddress) {
        authPerIp.acquire(clientAddress);
    }

    void acquireWrite(String userId) {
        writesPerUser.acquire(userId);
    }

    private static String accountKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

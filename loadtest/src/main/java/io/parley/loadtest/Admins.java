package io.parley.loadtest;

import java.util.Map;

/**
 * The admin account the tools act as: command-api gives the ADMIN role to the emails listed in
 * {@code PARLEY_ADMIN_EMAILS} when they register, so the account is registered here first if it does not exist yet.
 */
final class Admins {

    private Admins() {
    }

    static ParleyApi.User logIn(ParleyApi api, String email, String password) {
        ParleyApi.User admin = api.logIn(email, password);
        if (admin == null) {
            api.authCall("/api/v1/auth/register", Map.of("email", email, "password", password,
                    "displayName", "Bench Admin")).expect(201, 409);
            admin = api.logIn(email, password);
        }
        if (admin == null) {
            throw new BenchFailure(email + " exists with another password (--admin-password)");
        }
        return admin;
    }

    /** Fails with what to do when the account is no ADMIN (403 from an admin endpoint). */
    static void requireAdmin(ParleyApi.Reply reply, String email) {
        if (reply.status() == 403) {
            throw new BenchFailure(email + " is not an ADMIN: start Parley with PARLEY_ADMIN_EMAILS=" + email
                    + " before that account registers");
        }
    }
}

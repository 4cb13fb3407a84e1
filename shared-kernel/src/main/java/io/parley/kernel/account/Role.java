package io.parley.kernel.account;

public enum Role {
    USER,
    ADMIN
}

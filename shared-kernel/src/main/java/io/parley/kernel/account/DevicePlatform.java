package io.parley.kernel.account;

public enum DevicePlatform {
    ANDROID,
    IOS,
    WEB
}

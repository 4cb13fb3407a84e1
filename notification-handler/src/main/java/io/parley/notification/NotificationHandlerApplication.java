package io.parley.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class NotificationHandlerApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationHandlerApplication.class, args);
    }
}

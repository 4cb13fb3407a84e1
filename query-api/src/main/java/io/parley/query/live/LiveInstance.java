package io.parley.query.live;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This running instance of query-api ({@code parley.instance-id}, a random id unless set): the owner of its token
 * claims, checked once here so that every use of the id can rely on its shape.
 */
@Component
public class LiveInstance {

    private final String id;

    LiveInstance(@Value("${parley.instance-id}") String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("parley.instance-id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        this.id = id;
    }

    public String id() {
        return id;
    }
}

package io.parley.command.auth;

import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify access tokens, for query-api and notification-handler. */
@RestController
class JwksController {

    private final Map<String, Object> jwks;

    JwksController(SigningKeys keys) {
        this.jwks = new JWKSet(keys.rsaKey().toPublicJWK()).toJSONObject();
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return jwks;
    }
}

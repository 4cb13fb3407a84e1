package io.parley.query.session;

import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

interface RevokedSessionRepository extends MongoRepository<RevokedSessionDocument, String> {

    List<RevokedSessionDocument> findByExpiresAtAfter(Instant now);
}

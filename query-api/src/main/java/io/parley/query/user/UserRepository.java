package io.parley.query.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

interface UserRepository extends MongoRepository<UserDocument, String> {

    Optional<UserDocument> findByIdAndDeletedFalse(String id);

    /** Live users whose lower-cased display name or email matches the anchored {@code prefixRegex}. */
    @Query(value = "{ 'deleted': false, '$or': [ { 'displayNameLower': { '$regex': ?0 } }, { 'emailLower': { '$regex': ?0 } } ] }",
            sort = "{ 'displayNameLower': 1, '_id': 1 }")
    List<UserDocument> searchByPrefix(String prefixRegex, Limit limit);
}

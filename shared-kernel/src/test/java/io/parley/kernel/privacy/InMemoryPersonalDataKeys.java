package io.parley.kernel.privacy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Keys in memory, counting look-ups, for tests of what the serializer does with them. */
public final class InMemoryPersonalDataKeys implements PersonalDataKeys {

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    private final Set<String> forgotten = new HashSet<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    @Override
    public Optional<SecretKey> forWriting(String subjectId) {
        lookups.incrementAndGet();
        if (erased.contains(subjectId)) {
            return Optional.empty();
        }
        return Optional.of(keys.computeIfAbsent(subjectId, id -> {
            byte[] bytes = new byte[FieldCipher.KEY_BYTES];
            random.nextBytes(bytes);
            return new SecretKeySpec(bytes, FieldCipher.ALGORITHM);
        }));
    }

    @Override
    public Optional<SecretKey> forReading(String subjectId) {
        lookups.incrementAndGet();
        return Optional.ofNullable(keys.get(subjectId));
    }

    @Override
    public void erase(String subjectId) {
        keys.remove(subjectId);
        erased.add(subjectId);
    }

    @Override
    public synchronized void forget(String subjectId) {
        forgotten.add(subjectId);
    }

    public int lookups() {
        return lookups.get();
    }

    public synchronized Set<String> forgotten() {
        return Set.copyOf(forgotten);
    }
}

package io.parley.query.live;

/**
 * A change a projection has committed that someone connected may need to see: a record of the feature that made it,
 * published through {@link LiveChanges} and handled by that feature's listener on every instance
 * ({@link LiveChangeBus#on}). It crosses instances as JSON, so it holds data, not behaviour.
 */
public interface LiveChange {
}

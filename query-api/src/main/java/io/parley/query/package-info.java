/** Parley's read side: projections into MongoDB and the REST reads they serve. */
package io.parley.query;

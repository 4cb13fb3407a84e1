/** What the projections of query-api share: the send a projection holds back, its processor. */
package io.parley.query.projection;

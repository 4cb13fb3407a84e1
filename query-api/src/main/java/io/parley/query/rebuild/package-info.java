/** Blue/green projection rebuilds: a fresh projection builds into shadow collections, then takes over. */
package io.parley.query.rebuild;

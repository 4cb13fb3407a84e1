/** The Contact aggregate (one per pair of users) and the block list other aggregates consult. */
package io.parley.command.contact;

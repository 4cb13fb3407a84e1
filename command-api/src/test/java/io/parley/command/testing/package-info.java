/** What command-api's aggregate tests share: the real command-side database and matchers for domain failures. */
package io.parley.command.testing;

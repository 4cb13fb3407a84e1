/** Test helpers: access tokens signed by the tests, and the shared integration-test context. */
package io.parley.query.support;

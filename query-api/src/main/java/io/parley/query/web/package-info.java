/** HTTP concerns shared by every feature: problem details and read-your-writes waits. */
package io.parley.query.web;

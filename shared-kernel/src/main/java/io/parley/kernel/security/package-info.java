/** What Parley's access tokens carry and how every service turns them into Spring Security authorities. */
package io.parley.kernel.security;

/** The messages, views and settings that Parley's services share, and nothing else. */
package io.parley.kernel;

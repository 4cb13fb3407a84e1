/** Black-box tests: the services run from their jars as separate processes and are driven over HTTP. */
package io.parley.system;

/** HTTP conventions every service shares: problem details with stable codes. */
package io.parley.kernel.web;

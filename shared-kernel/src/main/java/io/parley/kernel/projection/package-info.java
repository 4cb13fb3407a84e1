/** What the projections of every service share: writes held back and written together per processor batch. */
package io.parley.kernel.projection;

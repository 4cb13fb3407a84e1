/** What the projections share: writes held back and written together per processor batch. */
package io.parley.query.projection;

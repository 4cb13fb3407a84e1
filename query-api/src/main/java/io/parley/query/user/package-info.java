/** Users: the profile read model, its queries and the user REST reads. */
package io.parley.query.user;

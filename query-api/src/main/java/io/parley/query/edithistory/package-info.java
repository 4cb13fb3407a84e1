/** Every version of a message's text, erased when the message is deleted for everyone. */
package io.parley.query.edithistory;

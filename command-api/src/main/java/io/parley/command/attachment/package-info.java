/** Uploads: streamed to the attachment store, typed from their bytes, images thumbnailed and stripped of metadata. */
package io.parley.command.attachment;

/** docs/api.md "Attachments": the upload route. */
package io.parley.command.attachment.web;

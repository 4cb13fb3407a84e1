/** Email: the account notifiers that publish email jobs, the templates and the SMTP sender that works them off. */
package io.parley.notification.email;

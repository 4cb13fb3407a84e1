package io.parley.command.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a 408 or 413 the rest of the body is not read: Tomcat would otherwise swallow it (up to its max-swallow-size)
 * at whatever pace the client sends it, holding the request thread, which a client trickling its body exploits.
 * The connection closes instead.
 */
class AbandonedBodies extends ValveBase {

    AbandonedBodies() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        int status = response.getStatus();
        if (status == 408 || status == 413) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}

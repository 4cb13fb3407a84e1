package io.parley.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

    private final EmailTemplates templates = new EmailTemplates();

    @Test
    void everyAccountMail_rendersSubjectTextAndHtml() {
        Map<String, String> params = Map.of("displayName", "Ada", "link", "https://parley.test/r?token=t",
                "expiresAt", "2026-11-22 02:00 UTC", "action", "changed", "changedAt", "2026-11-22 01:00 UTC");
        for (String kind : new String[] {AccountEmailNotifier.WELCOME, AccountEmailNotifier.PASSWORD_RESET,
                AccountEmailNotifier.PASSWORD_CHANGED}) {
            EmailTemplates.Rendered rendered = templates.render(kind, params);
            assertThat(rendered.subject()).isNotBlank().doesNotContain("{{").doesNotContain("\n");
            assertThat(rendered.text()).contains("Hello Ada,").doesNotContain("{{").doesNotStartWith("\n");
            assertThat(rendered.html()).contains("Hello Ada,").doesNotContain("{{");
        }
    }

    @Test
    void values_areEscapedInHtml_andSubjectsStayOnOneLine() {
        EmailTemplates.Rendered rendered = templates.render(AccountEmailNotifier.WELCOME,
                Map.of("displayName", "<b>Eve</b>\r\nBcc: x@y"));

        assertThat(rendered.html()).contains("&lt;b&gt;Eve&lt;/b&gt;").doesNotContain("<b>Eve");
        assertThat(rendered.subject()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void aMissingParameter_isAnError_notAHalfFilledMail() {
        assertThatThrownBy(() -> templates.render(AccountEmailNotifier.WELCOME, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("displayName");
    }

    @Test
    void aBlock_isRepeatedOncePerItem_withEachItemsValues_escapedInHtml() {
        Map<String, String> params = new java.util.HashMap<>(Map.of("displayName", "Ada", "summary", "3 unread messages",
                "period", "day", "more", "", "conversations", "2"));
        params.put("conversations.0.name", "<Design>");
        params.put("conversations.0.unread", "2 unread messages");
        params.put("conversations.1.name", "Bob");
        params.put("conversations.1.unread", "1 unread message");

        EmailTemplates.Rendered rendered = templates.render("digest", params);

        assertThat(rendered.subject()).isEqualTo("Parley: 3 unread messages");
        assertThat(rendered.text()).contains("- <Design>: 2 unread messages\n- Bob: 1 unread message\n");
        assertThat(rendered.html()).contains("<li><strong>&lt;Design&gt;</strong>: 2 unread messages</li>")
                .contains("<li><strong>Bob</strong>: 1 unread message</li>").doesNotContain("{{");
    }

    @Test
    void aBlockWithoutItsCount_isAnError() {
        assertThatThrownBy(() -> templates.render("digest", Map.of("displayName", "Ada", "summary", "s", "period", "day",
                "more", ""))).isInstanceOf(IllegalStateException.class).hasMessageContaining("conversations");
    }
}

package nl.mailwijs.web;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.mailwijs.delivery.BuiltMessage;
import nl.mailwijs.delivery.DeliveryException;
import nl.mailwijs.delivery.DkimKeyring;
import nl.mailwijs.delivery.DkimSigning;
import nl.mailwijs.delivery.MailCatcher;
import nl.mailwijs.delivery.Mailbox;
import nl.mailwijs.delivery.MessageBuilder;
import nl.mailwijs.delivery.OutgoingMessage;
import nl.mailwijs.delivery.SendResult;
import nl.mailwijs.delivery.SmtpRelay;
import nl.mailwijs.delivery.SmtpSender;
import nl.mailwijs.delivery.SmtpSettings;
import nl.mailwijs.settings.SenderSettings;
import nl.mailwijs.settings.SettingsStore;

/**
 * The SMTP relays as configured (read only: they come from {@code MAILWIJS_DELIVERY_RELAYS_*}),
 * never a password, and a test message through them, signed as a campaign message would be.
 */
@Controller
@ConditionalOnWebApplication
class RelayPages {

    /** A relay as the page shows it: whether it logs in, not with what. */
    public record RelayView(String host, int port, SmtpRelay.Security security, boolean authenticates) {

        static RelayView of(SmtpRelay relay) {
            return new RelayView(relay.host(), relay.port(), relay.security(), relay.username() != null && !relay.username().isBlank());
        }
    }

    private final SmtpSender sender;
    private final MailCatcher catcher;
    private final MessageBuilder builder;
    private final DkimKeyring keyring;
    private final SettingsStore settings;
    private final MessageSource messages;

    RelayPages(SmtpSender sender, MailCatcher catcher, MessageBuilder builder, DkimKeyring keyring, SettingsStore settings,
               MessageSource messages) {
        this.messages = messages;
        this.sender = sender;
        this.catcher = catcher;
        this.builder = builder;
        this.keyring = keyring;
        this.settings = settings;
    }

    @GetMapping("/settings/relays")
    String show(Model model) {
        SmtpSettings smtp = sender.settings();
        boolean toCatcher = catcher.running();
        // Without a configured relay the sender's only relay is the catcher itself: not one to list as configured.
        List<RelayView> relays = toCatcher ? List.of() : smtp.relays().stream().map(RelayView::of).toList();
        model.addAttribute("relays", relays);
        model.addAttribute("smtp", smtp);
        model.addAttribute("toCatcher", toCatcher);
        model.addAttribute("catcherPort", catcher.port());
        model.addAttribute("catcherProblem", catcher.failure().map(MailCatcherPages::text).orElse(null));
        if (!model.containsAttribute("testFrom")) {
            model.addAttribute("testFrom", settings.current().map(SenderSettings::objectionAddress).orElse(""));
        }
        return "settings/relays";
    }

    @PostMapping("/settings/relays/test")
    String sendTest(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale,
                    RedirectAttributes redirect) {
        redirect.addFlashAttribute("testFrom", from);
        redirect.addFlashAttribute("testTo", to);
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            redirect.addFlashAttribute("testError", "relays.test.error.required");
            return "redirect:/settings/relays";
        }
        BuiltMessage message;
        try {
            message = builder.build(OutgoingMessage.single(new Mailbox(from.strip(), "Mailwijs"), new Mailbox(to.strip(), null),
                    messages.getMessage("relays.test.subject", null, locale), messages.getMessage("relays.test.text", null, locale) + "\n",
                    null, "test"));
        } catch (DeliveryException e) {
            redirect.addFlashAttribute("testError", "relays.test.error.address");
            return "redirect:/settings/relays";
        }
        DkimSigning signing = keyring.signingFor(from.strip());
        SendResult result = sender.send(signing == null ? message : signing.sign(message));
        redirect.addFlashAttribute("testResult", result);
        redirect.addFlashAttribute("testSigned", signing != null);
        return "redirect:/settings/relays";
    }
}

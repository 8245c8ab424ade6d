package nl.mailwijs.engine.nl;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import nl.mailwijs.engine.decision.Basis;
import nl.mailwijs.engine.decision.Denial;
import nl.mailwijs.engine.decision.Obligation;
import nl.mailwijs.engine.decision.ReasonTemplate;
import nl.mailwijs.engine.evaluation.Facts;
import nl.mailwijs.engine.evaluation.Rule;
import nl.mailwijs.engine.evaluation.RulePack;
import nl.mailwijs.engine.evaluation.Stage;
import nl.mailwijs.engine.request.Channel;

/**
 * The Dutch rules (Telecommunicatiewet art. 11.7, AVG), in the evaluation order of
 * {@code rules-nl.md}. Dutch senders follow them for recipients anywhere in the EU.
 */
public final class NlRulePack implements RulePack {

    private static final List<Rule> RULES = List.of(
            new ScopeRule(),
            new MixedPurposeRule(),
            new ObjectionRule(),
            new SenderIdentityRule(),
            new ConsentRule(),
            new ConsentValidityRule(),
            new WithdrawalRule(),
            new SoftOptInRule(),
            new SoftOptInTermRule(),
            new PersonalProposalRule(),
            new OfferAddressRule(),
            new OutsideEeaBusinessRule());

    private static final List<Denial> DENIAL_PRECEDENCE = List.of(
            Denial.CONSENT_WITHDRAWN,
            Denial.CONSENT_INVALID,
            Denial.SOFT_OPT_IN_UNPROVEN,
            Denial.SOFT_OPT_IN_NO_OBJECTION_CHANCE,
            Denial.SOFT_OPT_IN_NOT_SIMILAR,
            Denial.SOFT_OPT_IN_EXPIRED);

    @Override
    public String jurisdiction() {
        return "NL";
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public List<Denial> denialPrecedence() {
        return DENIAL_PRECEDENCE;
    }

    @Override
    public Denial defaultDenial() {
        return Denial.NO_CONSENT;
    }

    @Override
    public Set<Obligation> obligations(Basis basis, Facts facts) {
        if (basis == Basis.NOT_REGULATED) {
            return Set.of();
        }
        Set<Obligation> obligations = EnumSet.of(Obligation.SENDER_IDENTITY, Obligation.OBJECTION_LINK);
        if (facts.channel() == Channel.EMAIL) {
            obligations.add(Obligation.LIST_UNSUBSCRIBE_ONE_CLICK);
            obligations.add(Obligation.DKIM);
            obligations.add(Obligation.SAFE_HEADERS);
        } else {
            obligations.add(Obligation.SMS_STOP);
        }
        if (basis == Basis.OUTSIDE_EEA_BUSINESS) {
            obligations.add(Obligation.DESTINATION_COUNTRY_RULES);
        }
        return obligations;
    }

    @Override
    public ReasonTemplate notReached(Stage decidedAt) {
        return decidedAt == Stage.SCOPE ? NlText.NOT_REACHED_OUT_OF_SCOPE : NlText.NOT_REACHED_STOPPED;
    }
}

/**
 * Sign-up with proof: consent texts in versions ({@link nl.mailwijs.signup.ConsentTexts}), public
 * sign-up forms that show one version ({@link nl.mailwijs.signup.SignupForms}), and double
 * opt-in: a submission waits for the person to confirm through a signed, expiring link, and only
 * then is the consent recorded in the evidence ledger, with both times, both IP addresses, both
 * user agents, the form's URL and the wording version (NL-TW-11.7-1, NL-AVG-7).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sign-up")
package nl.mailwijs.signup;

package nl.mailwijs.content;

import java.util.List;

/** The checker's answer: passed when nothing is missing; otherwise every missing element, by part. */
public record ContentCheck(List<ContentFinding> findings) {

    public ContentCheck {
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return findings.isEmpty();
    }
}

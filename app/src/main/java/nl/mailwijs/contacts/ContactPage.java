package nl.mailwijs.contacts;

import java.util.List;

/** One page of contacts, in id order, and how many match in all. */
public record ContactPage(List<Contact> contacts, int page, int size, long total) {

    public ContactPage {
        contacts = List.copyOf(contacts);
    }
}

/**
 * The web application: server-rendered pages (Thymeleaf) for shop owners and marketers, Dutch by
 * default and English on request, with htmx for the parts that change while one looks (search,
 * a campaign's progress). Controllers call the other modules' services directly; every text a
 * person reads comes from {@code messages_nl.properties} or {@code messages_en.properties}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package nl.mailwijs.web;

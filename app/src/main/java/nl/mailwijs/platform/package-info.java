/**
 * What every other module stands on: security (admin login, API tokens), problem responses,
 * the start-up report. No business rules live here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package nl.mailwijs.platform;

package nl.mailwijs.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (browsable at /swagger-ui.html), behind the same login as the API. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI mailwijsOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Mailwijs API")
                        .version("v1")
                        .description("Decide per contact whether a commercial message may be sent under Dutch law "
                                + "(Telecommunicatiewet art. 11.7, AVG), with the rules and evidence behind the answer. "
                                + "Errors are RFC 9457 problem documents naming the field."))
                .components(new Components()
                        .addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token from 'bin/mailwijs token create --scope read|write'"))
                        .addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("token"))
                .addSecurityItem(new SecurityRequirement().addList("admin"));
    }
}

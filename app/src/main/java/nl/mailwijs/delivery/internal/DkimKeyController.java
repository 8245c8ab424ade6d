package nl.mailwijs.delivery.internal;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import nl.mailwijs.delivery.DkimKeyConflictException;
import nl.mailwijs.delivery.DkimKeyStore;
import nl.mailwijs.delivery.StoredDkimKey;

/**
 * {@code /api/v1/settings/dkim-keys}: the sender's DKIM keys. POST makes a key pair here (or
 * stores an uploaded PEM) and answers with the DNS record to publish; the private key is never
 * shown again. A new key is inactive unless {@code "active": true}: publish the record, then
 * activate it. Changes need a write token (SecurityConfiguration).
 */
@RestController
@ConditionalOnWebApplication
class DkimKeyController {

    static final String PATH = "/api/v1/settings/dkim-keys";

    private final DkimKeyStore keys;

    DkimKeyController(DkimKeyStore keys) {
        this.keys = keys;
    }

    /**
     * @param algorithm     rsa (default, 2048 bits) or ed25519
     * @param privateKeyPem an unencrypted PKCS#8 PEM to store instead of making a key
     * @param active        sign with it at once (default false)
     */
    record NewKey(String domain, String selector, String algorithm, String privateKeyPem, Boolean active) {
    }

    /** Thrown for a key number that does not exist. */
    static final class UnknownKeyException extends RuntimeException {
        UnknownKeyException(long id) {
            super("There is no DKIM key " + id + "; GET " + PATH + " lists them.");
        }
    }

    @PostMapping(PATH)
    ResponseEntity<StoredDkimKey> create(@RequestBody NewKey request, Principal who) {
        boolean active = Boolean.TRUE.equals(request.active());
        StoredDkimKey key = request.privateKeyPem() == null
                ? keys.generate(request.domain(), request.selector(), request.algorithm(), active, who.getName())
                : keys.upload(request.domain(), request.selector(), request.algorithm(), request.privateKeyPem(), active, who.getName());
        return ResponseEntity.created(URI.create(PATH + "/" + key.id())).body(key);
    }

    @GetMapping(PATH)
    List<StoredDkimKey> list() {
        return keys.list();
    }

    @GetMapping(PATH + "/{id}")
    StoredDkimKey one(@PathVariable long id) {
        return keys.find(id).orElseThrow(() -> new UnknownKeyException(id));
    }

    /** Also deactivates the active key of the same domain and algorithm, listed in the answer. */
    @PostMapping(PATH + "/{id}/activate")
    DkimKeyStore.Activated activate(@PathVariable long id) {
        return keys.activate(id).orElseThrow(() -> new UnknownKeyException(id));
    }

    @PostMapping(PATH + "/{id}/deactivate")
    StoredDkimKey deactivate(@PathVariable long id) {
        return keys.deactivate(id).orElseThrow(() -> new UnknownKeyException(id));
    }

    @DeleteMapping(PATH + "/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!keys.delete(id)) {
            throw new UnknownKeyException(id);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(UnknownKeyException.class)
    ProblemDetail unknown(UnknownKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(DkimKeyConflictException.class)
    ProblemDetail conflict(DkimKeyConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Selector taken");
        problem.setProperty("field", "selector");
        return problem;
    }
}

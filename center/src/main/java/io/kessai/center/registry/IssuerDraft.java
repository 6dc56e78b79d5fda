package io.kessai.center.registry;

import static io.kessai.center.registry.FieldRules.MAX_NAME_CHARS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An issuer as a client sends it; see {@link Issuer}. */
public record IssuerDraft(String id, String name, IssuerLinkDraft link, String zpkKeyName, String acquirerInstitutionId,
        List<String> issuerCodes, Long version) {
    static final int MAX_ISSUER_CODES = 100;

    Issuer validate(String pathId, ZpkCatalog zpks) throws RegistryException {
        String checkedId = pathId != null ? FieldRules.keyMatchingPath(pathId, id, "id")
                : FieldRules.matching(id, "id", FieldRules.ISSUER_ID,
                        "1 to 32 letters, digits, '.', '_' or '-' starting with a letter or digit");
        String checkedName = FieldRules.text(name, "name", MAX_NAME_CHARS);
        IssuerLink checkedLink = FieldRules.required(link, "link").validate("link.");
        String checkedZpk = FieldRules.matching(zpkKeyName, "zpkKeyName", FieldRules.KEY_NAME,
                "a key name: 1 to 64 letters, digits, '.', '_' or '-' starting with a letter or digit");
        var zpkProblem = zpks.problemWith(checkedZpk);
        if (zpkProblem.isPresent()) {
            throw RegistryException.unknownReference("zpkKeyName", "zpkKeyName: " + zpkProblem.get());
        }
        String checkedAcquirer = FieldRules.matching(acquirerInstitutionId, "acquirerInstitutionId",
                FieldRules.ACQUIRER_INSTITUTION_ID, "1 to 11 digits (DE 32)");
        FieldRules.expectedVersion(version);
        return new Issuer(checkedId, checkedName, checkedLink, checkedZpk, checkedAcquirer, codes(), 1);
    }

    private List<String> codes() throws RegistryException {
        FieldRules.required(issuerCodes, "issuerCodes");
        if (issuerCodes.size() > MAX_ISSUER_CODES) {
            throw RegistryException.invalid("issuerCodes", "issuerCodes may hold at most " + MAX_ISSUER_CODES
                    + " codes, got " + issuerCodes.size());
        }
        List<String> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < issuerCodes.size(); i++) {
            String field = "issuerCodes[" + i + "]";
            String code = FieldRules.matching(issuerCodes.get(i), field, FieldRules.ISSUER_CODE, "1 to 11 letters or digits");
            if (!seen.add(code)) {
                throw RegistryException.invalid(field, field + " repeats an earlier code");
            }
            checked.add(code);
        }
        return checked;
    }
}

package cn.gansu.lianhu.reporting.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * OpenAPI: declares the response headers of downloads once for every operation that has them (issue 5 points 4 and
 * 7). An operation whose 200 response offers {@value Exports#CSV} is a download ({@link Exports}); its 200 response
 * gets {@code Content-Disposition} ({@link Exports#DISPOSITION}) and {@value Exports#AS_OF}
 * ({@link Exports#AS_OF_HEADER}). Registered with {@code mp.openapi.filter}; applied when the document is built.
 */
public class DownloadHeaders implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(DownloadHeaders::declare));
    }

    private static void declare(Operation operation) {
        APIResponse ok = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("200");
        if (ok == null || ok.getContent() == null || !ok.getContent().hasMediaType(Exports.CSV)) {
            return;
        }
        ok.setHeaders(Map.of("Content-Disposition", header(Exports.DISPOSITION, null),
                Exports.AS_OF, header(Exports.AS_OF_HEADER, "date-time")));
    }

    private static Header header(String description, String format) {
        Schema schema = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING));
        if (format != null) {
            schema.format(format);
        }
        return OASFactory.createHeader().description(description).schema(schema);
    }
}

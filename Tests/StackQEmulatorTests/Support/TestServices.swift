import StackQ

/// Services built by hand the way the registry's Discovery importer builds them (flatPath variables, method names
/// `projects_locations_sessions_list`, `$.sessions` object keys, awaitable Operation methods).
enum TestServices {
    static func parameters(_ path: [String], query: [String] = []) -> [Parameter] {
        path.map { Parameter(name: $0, location: .path, isRequired: true) }
            + query.map { Parameter(name: $0, location: .query, isRequired: false) }
    }

    static func crud(collection: String, idVariable: String, prefix: String, idParameter: String,
                     bodySchema: String, listKey: String, createQuery: [String], deleteQuery: [String]) -> [Method] {
        let parent = "/v1/projects/{projectsId}/locations/{locationsId}/\(collection)"
        let item = "\(parent)/{\(idVariable)}"
        let location = ["projectsId", "locationsId"]
        return [
            Method(name: "\(prefix)_list", sqlVerb: .select, sqlVerbOrder: 1, httpMethod: "GET", path: parent,
                   parameters: parameters(location, query: ["filter", "pageSize", "pageToken"]),
                   response: ResponseInfo(objectKey: "$.\(listKey)"), pagination: .google),
            Method(name: "\(prefix)_get", sqlVerb: .select, httpMethod: "GET", path: item,
                   parameters: parameters(location + [idVariable]), response: ResponseInfo(schema: .ref(bodySchema))),
            Method(name: "\(prefix)_create", sqlVerb: .insert, httpMethod: "POST", path: parent,
                   parameters: parameters(location, query: createQuery + [idParameter]),
                   requestBody: RequestBody(schema: .ref(bodySchema)), response: ResponseInfo(schema: .ref("Operation")),
                   isAwaitable: true),
            Method(name: "\(prefix)_delete", sqlVerb: .delete, httpMethod: "DELETE", path: item,
                   parameters: parameters(location + [idVariable], query: deleteQuery),
                   response: ResponseInfo(schema: .ref("Operation")), isAwaitable: true),
        ]
    }

    static func operations(prefix: String) -> Resource {
        let item = "/v1/projects/{projectsId}/locations/{locationsId}/operations/{operationsId}"
        let variables = ["projectsId", "locationsId", "operationsId"]
        return Resource(name: "operations", id: "\(prefix).operations", methods: [
            Method(name: "projects_locations_operations_get", sqlVerb: .select, httpMethod: "GET", path: item,
                   parameters: parameters(variables), response: ResponseInfo(schema: .ref("Operation"))),
            Method(name: "projects_locations_operations_delete", sqlVerb: .delete, httpMethod: "DELETE", path: item,
                   parameters: parameters(variables), response: ResponseInfo()),
            Method(name: "projects_locations_operations_cancel", sqlVerb: .exec, httpMethod: "POST", path: item + ":cancel",
                   parameters: parameters(variables), response: ResponseInfo()),
        ])
    }

    static func property(_ name: String, _ type: String, readOnly: Bool = false) -> SchemaProperty {
        SchemaProperty(name: name, schema: .inline(Schema(type: type, isReadOnly: readOnly)))
    }

    static let dataproc: ProviderService = {
        var methods = crud(collection: "sessions", idVariable: "sessionsId", prefix: "projects_locations_sessions",
                           idParameter: "sessionId", bodySchema: "Session", listKey: "sessions",
                           createQuery: ["requestId"], deleteQuery: ["requestId"])
        methods.append(Method(
            name: "projects_locations_sessions_terminate", sqlVerb: .exec, httpMethod: "POST",
            path: "/v1/projects/{projectsId}/locations/{locationsId}/sessions/{sessionsId}:terminate",
            parameters: parameters(["projectsId", "locationsId", "sessionsId"]),
            requestBody: RequestBody(schema: .ref("TerminateSessionRequest")),
            response: ResponseInfo(schema: .ref("Operation")), isAwaitable: true))
        let session = Schema(type: "object", properties: [
            property("name", "string"), property("uuid", "string", readOnly: true),
            property("createTime", "string", readOnly: true), property("state", "string", readOnly: true),
            property("stateTime", "string", readOnly: true), property("stateHistory", "array", readOnly: true),
            property("creator", "string", readOnly: true), property("labels", "object"),
            property("runtimeConfig", "object"), property("runtimeInfo", "object", readOnly: true),
            property("environmentConfig", "object"), property("jupyterSession", "object"), property("user", "string"),
            property("sessionTemplate", "string"),
        ])
        return ProviderService(
            provider: "google", name: "dataproc", servers: [Server(url: "https://dataproc.googleapis.com")],
            resources: [operations(prefix: "google.dataproc"),
                        Resource(name: "sessions", id: "google.dataproc.sessions", methods: methods)],
            schemas: ["Session": session,
                      "TerminateSessionRequest": Schema(type: "object", properties: [property("requestId", "string")])])
    }()

    static let aiplatform: ProviderService = {
        let methods = crud(collection: "notebookExecutionJobs", idVariable: "notebookExecutionJobsId",
                           prefix: "projects_locations_notebook_execution_jobs", idParameter: "notebookExecutionJobId",
                           bodySchema: "GoogleCloudAiplatformV1NotebookExecutionJob", listKey: "notebookExecutionJobs",
                           createQuery: [], deleteQuery: [])
        let job = Schema(type: "object", properties: [
            property("name", "string", readOnly: true), property("displayName", "string"),
            property("gcsNotebookSource", "object"), property("directNotebookSource", "object"),
            property("dataformRepositorySource", "object"), property("gcsOutputUri", "string"),
            property("jobState", "string", readOnly: true), property("createTime", "string", readOnly: true),
            property("updateTime", "string", readOnly: true), property("labels", "object"),
            property("serviceAccount", "string"), property("executionTimeout", "string"),
            property("notebookRuntimeTemplateResourceName", "string"), property("status", "object", readOnly: true),
        ])
        return ProviderService(
            provider: "google", name: "aiplatform", servers: [Server(url: "https://aiplatform.googleapis.com")],
            resources: [Resource(name: "notebook_execution_jobs", id: "google.aiplatform.notebook_execution_jobs",
                                 methods: methods),
                        operations(prefix: "google.aiplatform")],
            schemas: ["GoogleCloudAiplatformV1NotebookExecutionJob": job])
    }()
}

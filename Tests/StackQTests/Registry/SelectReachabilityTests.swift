import Testing
@testable import StackQ

/// The importer's reachability judgement, made with the planner's own method choice.
@Suite struct SelectReachabilityTests {
    static func method(_ name: String, path: String, required: [String], optional: [String] = [], order: Int,
                       verb: SQLVerb = .select) -> Method {
        Method(name: name, sqlVerb: verb, sqlVerbOrder: order, httpMethod: "GET", path: path,
               parameters: required.map { Parameter(name: $0, location: .path, isRequired: true) }
                   + optional.map { Parameter(name: $0, location: .query, isRequired: false) },
               response: ResponseInfo())
    }

    @Test func aMethodWithTheSameRequiredParametersAsAnEarlierOneIsShadowed() {
        let resource = Resource(name: "documents", id: "google.dialogflow.documents", methods: [
            Self.method("agent_get", path: "/v2/projects/{p}/agent/kb/{k}/documents/{d}", required: ["p", "k", "d"], order: 0),
            Self.method("plain_get", path: "/v2/projects/{p}/kb/{k}/documents/{d}", required: ["p", "k", "d"], order: 1),
        ])
        #expect(SelectReachability.findings(in: resource).map(\.method) == ["plain_get"])
        #expect(SelectReachability.findings(in: resource).first?.reason == "shadowed: when its parameters are bound, agent_get is chosen instead")
    }

    @Test func methodsThatDifferOnlyByAnOptionalParameterAreChosenByBindingIt() throws {
        let resource = Resource(name: "things", id: "google.x.things", methods: [
            Self.method("plain_list", path: "/v1/{p}/things", required: ["p"], order: 0),
            Self.method("filtered_list", path: "/v1/{p}/things:search", required: ["p"], optional: ["query"], order: 1),
        ])
        #expect(SelectReachability.findings(in: resource).isEmpty)
        #expect(try MethodSelector.choose(resource: resource, bound: ["p"]).name == "plain_list")
        #expect(try MethodSelector.choose(resource: resource, bound: ["p", "query"]).name == "filtered_list")
    }

    @Test func aGetMethodLeftToExecIsUnreachable() {
        let resource = Resource(name: "things", id: "google.x.things", methods: [
            Self.method("things_list", path: "/v1/{p}/things", required: ["p"], order: 0),
            Self.method("things_export", path: "/v1/{p}/things:export", required: ["p"], order: 0, verb: .exec),
        ])
        #expect(SelectReachability.findings(in: resource).map(\.description)
            == ["google.x.things.things_export: a GET method served only by EXEC"])
    }
}

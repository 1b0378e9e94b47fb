import Testing
@testable import StackQ

@Suite struct RequestTests {
    @Test(arguments: [
        ("s1", "s1"),
        ("../../x", "..%2F..%2Fx"),
        ("..", "%2E%2E"),
        ("a?b#c/d e", "a%3Fb%23c%2Fd%20e"),
        ("a+b%", "a%2Bb%25"),
        ("naïve", "na%C3%AFve"),
    ])
    func pathValuesAreOneEncodedSegment(_ value: String, _ encoded: String) throws {
        #expect(PercentEncoding.pathSegment(value) == encoded)
        let path = try RequestBuilder.path("/v1/projects/{projectsId}/sessions/{sessionsId}:terminate",
                                           values: ["projectsId": "p", "sessionsId": value])
        #expect(path == "/v1/projects/p/sessions/\(encoded):terminate")
    }

    @Test func queryValuesAreEncodedStrictly() {
        #expect(PercentEncoding.queryComponent("state = ACTIVE+x&y") == "state%20%3D%20ACTIVE%2Bx%26y")
    }

    func service(endpoints: [LocationEndpoint]) -> ProviderService {
        ProviderService(provider: "google", name: "aiplatform", servers: [Server(url: "https://aiplatform.googleapis.com/")],
                endpoints: endpoints, resources: [], schemas: [:])
    }

    let method = Method(name: "list", sqlVerb: .select, httpMethod: "GET", path: "/v1/x", parameters: [],
                        response: ResponseInfo())

    @Test func locationalEndpointsRouteByLocation() throws {
        let service = service(endpoints: [
            LocationEndpoint(location: "us-central1", url: "https://us-central1-aiplatform.googleapis.com/", kind: .locational),
            LocationEndpoint(location: "europe-west3", url: "https://aiplatform.europe-west3.rep.googleapis.com/", kind: .regional),
        ])
        let resolver = EndpointResolver()
        #expect(try resolver.baseURL(service: service, method: method, values: ["locationsId": "us-central1"])
            == "https://us-central1-aiplatform.googleapis.com")
        #expect(try resolver.baseURL(service: service, method: method, values: ["locationsId": "global"])
            == "https://aiplatform.googleapis.com")
        #expect(try resolver.baseURL(service: service, method: method, values: ["locationsId": "europe-west3"])
            == "https://aiplatform.googleapis.com")
    }

    @Test func overridesReplaceTheOriginServiceFirst() throws {
        let service = service(endpoints: [
            LocationEndpoint(location: "us-central1", url: "https://us-central1-aiplatform.googleapis.com/", kind: .locational),
        ])
        let resolver = EndpointResolver(overrides: ["google": "http://127.0.0.1:1/", "google.aiplatform": "http://127.0.0.1:2"])
        #expect(try resolver.baseURL(service: service, method: method, values: ["locationsId": "us-central1"]) == "http://127.0.0.1:2")
        let other = ProviderService(provider: "google", name: "dataproc", servers: [Server(url: "https://dataproc.googleapis.com/")],
                            resources: [], schemas: [:])
        #expect(try resolver.baseURL(service: other, method: method, values: [:]) == "http://127.0.0.1:1")
    }

    @Test func retryWaitsHonourRetryAfterAndTheCeiling() {
        let policy = RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(100), maximumDelay: .seconds(2))
        for attempt in 1...8 {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
            #expect(delay >= .zero && delay <= .seconds(2))
        }
        #expect(policy.delay(afterAttempt: 1, retryAfter: "1") >= .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "120") == .seconds(2))
    }
}

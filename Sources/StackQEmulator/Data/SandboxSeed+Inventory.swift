import Foundation
import StackQ

/// The sandbox's everyday inventory: Compute instances with their disks and networks, Cloud Storage buckets, GKE
/// clusters, IAM service accounts, Cloud Run services and BigQuery datasets in the sandbox's projects. The
/// resources point at each other as Google's do (an instance's boot disk is in `google.compute.disks`, its network
/// in `google.compute.networks`, a cluster's node service account in `google.iam.service_accounts`), so joins
/// across them find rows.
extension SandboxSeed {
    /// The zones that hold instances and disks.
    public static let zones = ["us-central1-a", "europe-west1-b"]
    static let computeBase = "https://www.googleapis.com/compute/v1"
    static let machineTypes = ["e2-standard-4", "n2-standard-8", "e2-medium"]
    static let instanceStatuses = ["RUNNING", "RUNNING", "TERMINATED", "STOPPING", "RUNNING", "SUSPENDED"]
    static let roles = ["web", "api", "worker", "batch", "db", "cache"]

    /// The inventory's collections, keyed by the collection path the emulator serves them at.
    static func inventory() -> [(collection: String, items: [JSONValue])] {
        var collections: [(collection: String, items: [JSONValue])] = []
        for (p, project) in projects.enumerated() {
            let networks = ["default", "\(project)-vpc"]
            collections.append(("projects/\(project)/global/networks", networks.enumerated().map { n, name in
                network(project: project, name: name, index: p * 10 + n)
            }))
            for (z, zone) in zones.enumerated() {
                let count = zone == "us-central1-a" ? 4 : 2
                var instances: [JSONValue] = []
                var disks: [JSONValue] = []
                for i in 0..<count {
                    let name = "\(roles[(i + p) % roles.count])-\(i + 1)"
                    let status = instanceStatuses[(i + p + z) % instanceStatuses.count]
                    let serial = p * 100 + z * 10 + i
                    instances.append(instance(project: project, zone: zone, name: name, status: status,
                                              network: networks[i % 2], index: serial))
                    disks.append(disk(project: project, zone: zone, name: name, user: name, sizeGb: 20 + 10 * (i % 3),
                                      index: serial))
                }
                disks.append(disk(project: project, zone: zone, name: "scratch-\(z + 1)", user: nil, sizeGb: 500,
                                  index: p * 100 + z * 10 + 9))
                collections.append(("projects/\(project)/zones/\(zone)/instances", instances))
                collections.append(("projects/\(project)/zones/\(zone)/disks", disks))
            }
            collections.append(("projects/\(project)/serviceAccounts", serviceAccounts(project: project, index: p)))
            collections.append(("projects/\(project)/locations/us-central1/clusters", [cluster(project: project, index: p)]))
            collections.append(("projects/\(project)/locations/us-central1/services", runServices(project: project, index: p)))
            collections.append(("projects/\(project)/datasets", datasets(project: project, index: p)))
        }
        collections.append(("b", projects.enumerated().flatMap { p, project in buckets(project: project, index: p) }))
        return collections
    }

    static func selfLink(_ project: String, _ rest: String) -> String {
        "\(computeBase)/projects/\(project)/\(rest)"
    }

    static func numericID(_ text: String) -> String {
        String(stableHash(text) % 9_000_000_000_000_000 + 1_000_000_000_000_000)
    }

    static func instance(project: String, zone: String, name: String, status: String, network: String,
                         index: Int) -> JSONValue {
        let region = String(zone.dropLast(2))
        return .object([
            ("kind", .string("compute#instance")),
            ("id", .string(numericID("instance/\(project)/\(zone)/\(name)"))),
            ("name", .string(name)),
            ("creationTimestamp", .string("2026-10-\(10 + index % 18)T07:30:00.000-07:00")),
            ("machineType", .string(selfLink(project, "zones/\(zone)/machineTypes/\(machineTypes[index % machineTypes.count])"))),
            ("status", .string(status)),
            ("zone", .string(selfLink(project, "zones/\(zone)"))),
            ("cpuPlatform", .string("Intel Cascade Lake")),
            ("canIpForward", .bool(false)),
            ("deletionProtection", .bool(name.hasPrefix("db"))),
            ("networkInterfaces", .array([.object([
                ("name", .string("nic0")),
                ("network", .string(selfLink(project, "global/networks/\(network)"))),
                ("subnetwork", .string(selfLink(project, "regions/\(region)/subnetworks/\(network)"))),
                ("networkIP", .string("10.\(128 + index % 100).0.\(2 + index % 200)")),
                ("stackType", .string("IPV4_ONLY")),
            ])])),
            ("disks", .array([.object([
                ("type", .string("PERSISTENT")),
                ("mode", .string("READ_WRITE")),
                ("source", .string(selfLink(project, "zones/\(zone)/disks/\(name)"))),
                ("deviceName", .string(name)),
                ("index", .number(0)),
                ("boot", .bool(true)),
                ("autoDelete", .bool(true)),
                ("diskSizeGb", .string("\(20 + 10 * (index % 3))")),
            ])])),
            ("serviceAccounts", .array([.object([
                ("email", .string("runner@\(project).iam.gserviceaccount.com")),
                ("scopes", .array([.string("https://www.googleapis.com/auth/cloud-platform")])),
            ])])),
            ("labels", .object([("env", .string(index % 2 == 0 ? "prod" : "dev")),
                                ("team", .string(["web", "data-eng", "ml"][index % 3]))])),
            ("scheduling", .object([("onHostMaintenance", .string("MIGRATE")), ("automaticRestart", .bool(true)),
                                    ("preemptible", .bool(false))])),
            ("selfLink", .string(selfLink(project, "zones/\(zone)/instances/\(name)"))),
        ])
    }

    static func disk(project: String, zone: String, name: String, user: String?, sizeGb: Int, index: Int) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string("compute#disk")),
            ("id", .string(numericID("disk/\(project)/\(zone)/\(name)"))),
            ("name", .string(name)),
            ("creationTimestamp", .string("2026-10-\(10 + index % 18)T07:29:00.000-07:00")),
            ("sizeGb", .string(String(sizeGb))),
            ("zone", .string(selfLink(project, "zones/\(zone)"))),
            ("status", .string("READY")),
            ("type", .string(selfLink(project, "zones/\(zone)/diskTypes/\(user == nil ? "pd-standard" : "pd-balanced")"))),
            ("labels", .object([("env", .string(index % 2 == 0 ? "prod" : "dev"))])),
            ("selfLink", .string(selfLink(project, "zones/\(zone)/disks/\(name)"))),
        ]
        if let user {
            members.append(("sourceImage", .string("https://www.googleapis.com/compute/v1/projects/debian-cloud/global/images/debian-12-bookworm-v20261105")))
            members.append(("users", .array([.string(selfLink(project, "zones/\(zone)/instances/\(user)"))])))
        }
        return .object(members)
    }

    static func network(project: String, name: String, index: Int) -> JSONValue {
        .object([
            ("kind", .string("compute#network")),
            ("id", .string(numericID("network/\(project)/\(name)"))),
            ("name", .string(name)),
            ("creationTimestamp", .string("2026-01-1\(index % 9)T09:00:00.000-07:00")),
            ("autoCreateSubnetworks", .bool(name == "default")),
            ("routingConfig", .object([("routingMode", .string(name == "default" ? "REGIONAL" : "GLOBAL"))])),
            ("mtu", .number(1460)),
            ("subnetworks", .array(["us-central1", "europe-west1"].map {
                .string(selfLink(project, "regions/\($0)/subnetworks/\(name)"))
            })),
            ("selfLink", .string(selfLink(project, "global/networks/\(name)"))),
        ])
    }

    static func serviceAccounts(project: String, index: Int) -> [JSONValue] {
        let number = String(100_200_300 + index)
        return [("runner", "Workload runner"), ("ci-deployer", "CI deployer"), ("\(number)-compute", "Compute Engine default service account")]
            .map { id, display in
                let email = id.hasSuffix("-compute") ? "\(id)@developer.gserviceaccount.com" : "\(id)@\(project).iam.gserviceaccount.com"
                return .object([
                    ("name", .string("projects/\(project)/serviceAccounts/\(email)")),
                    ("projectId", .string(project)),
                    ("uniqueId", .string(numericID("sa/\(email)"))),
                    ("email", .string(email)),
                    ("displayName", .string(display)),
                    ("oauth2ClientId", .string(numericID("client/\(email)"))),
                    ("disabled", .bool(id == "ci-deployer" && index == 2)),
                ])
            }
    }

    static func cluster(project: String, index: Int) -> JSONValue {
        .object([
            ("name", .string("\(project)-gke")),
            ("location", .string("us-central1")),
            ("status", .string(index == 1 ? "RECONCILING" : "RUNNING")),
            ("currentMasterVersion", .string("1.31.3-gke.1100000")),
            ("currentNodeCount", .number(Double(3 + index))),
            ("network", .string("\(project)-vpc")),
            ("subnetwork", .string("\(project)-vpc")),
            ("endpoint", .string("34.118.\(10 + index).\(20 + index)")),
            ("createTime", .string("2026-03-0\(index + 1)T12:00:00+00:00")),
            ("resourceLabels", .object([("env", .string("prod"))])),
            ("nodePools", .array([.object([
                ("name", .string("default-pool")),
                ("status", .string("RUNNING")),
                ("initialNodeCount", .number(Double(3 + index))),
                ("config", .object([("machineType", .string("e2-standard-4")),
                                    ("serviceAccount", .string("runner@\(project).iam.gserviceaccount.com"))])),
            ])])),
            ("selfLink", .string("https://container.googleapis.com/v1/projects/\(project)/locations/us-central1/clusters/\(project)-gke")),
        ])
    }

    static func runServices(project: String, index: Int) -> [JSONValue] {
        ["frontend", "api", "webhook"].enumerated().map { s, name in
            .object([
                ("name", .string("projects/\(project)/locations/us-central1/services/\(name)")),
                ("uid", .string(String(format: "7a2d%04x-1b3c-4d5e-8f90-%012x", s + index * 10, stableHash(name + project) % 0xFFFF_FFFF_FFFF))),
                ("generation", .string(String(3 + s))),
                ("createTime", .string("2026-09-1\(s)T10:00:00Z")),
                ("updateTime", .string("2026-11-2\(s)T10:00:00Z")),
                ("creator", .string(people[s % people.count])),
                ("ingress", .string(name == "frontend" ? "INGRESS_TRAFFIC_ALL" : "INGRESS_TRAFFIC_INTERNAL_ONLY")),
                ("uri", .string("https://\(name)-\(numericID(project).prefix(10)).us-central1.run.app")),
                ("template", .object([
                    ("serviceAccount", .string("runner@\(project).iam.gserviceaccount.com")),
                    ("containers", .array([.object([("image", .string("us-docker.pkg.dev/\(project)/apps/\(name):v\(3 + s)"))])])),
                ])),
                ("labels", .object([("team", .string(["web", "data-eng", "ml"][s]))])),
                ("terminalCondition", .object([("type", .string("Ready")), ("state", .string("CONDITION_SUCCEEDED"))])),
            ])
        }
    }

    static func datasets(project: String, index: Int) -> [JSONValue] {
        ["analytics", "raw_events", "ml_features"].enumerated().map { d, name in
            .object([
                ("kind", .string("bigquery#dataset")),
                ("id", .string("\(project):\(name)")),
                ("datasetReference", .object([("datasetId", .string(name)), ("projectId", .string(project))])),
                ("location", .string(d == 1 ? "EU" : "US")),
                ("labels", .object([("env", .string("prod"))])),
            ])
        }
    }

    static func buckets(project: String, index: Int) -> [JSONValue] {
        ["\(project)-notebooks", "\(project)-logs", "\(project)-backups"].enumerated().map { b, name in
            .object([
                ("kind", .string("storage#bucket")),
                ("id", .string(name)),
                ("name", .string(name)),
                ("projectNumber", .string(String(100_200_300 + index))),
                ("location", .string(b == 2 ? "EU" : "US-CENTRAL1")),
                ("locationType", .string(b == 2 ? "multi-region" : "region")),
                ("storageClass", .string(b == 2 ? "NEARLINE" : "STANDARD")),
                ("timeCreated", .string("2026-0\(b + 2)-0\(index + 1)T08:00:00.000Z")),
                ("updated", .string("2026-11-0\(index + 1)T08:00:00.000Z")),
                ("iamConfiguration", .object([("uniformBucketLevelAccess", .object([("enabled", .bool(b != 1))]))])),
                ("labels", .object([("env", .string("prod"))])),
                ("selfLink", .string("https://www.googleapis.com/storage/v1/b/\(name)")),
            ])
        }
    }
}

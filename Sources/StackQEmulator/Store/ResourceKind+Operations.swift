extension ResourceKind {
    /// Vertex AI names a resource's operations under the resource (`…/notebookExecutionJobs/1/operations/x`);
    /// most Google services name them under the location.
    var namesOperationsUnderResource: Bool { collectionName == "notebookExecutionJobs" }
}

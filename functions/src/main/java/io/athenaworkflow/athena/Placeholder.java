package io.athenaworkflow.athena;
final class Placeholder {}

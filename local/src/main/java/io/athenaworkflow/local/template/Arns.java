package io.athenaworkflow.local.template;

/** ARN and partition arithmetic for one region and account. */
record Arns(String partition, String region, String accountId, String urlSuffix) {

    static Arns of(String region, String accountId) {
        if (region.startsWith("cn-")) {
            return new Arns("aws-cn", region, accountId, "amazonaws.com.cn");
        }
        if (region.startsWith("us-gov-")) {
            return new Arns("aws-us-gov", region, accountId, "amazonaws.com");
        }
        return new Arns("aws", region, accountId, "amazonaws.com");
    }

    String function(String name) {
        return "arn:" + partition + ":lambda:" + region + ":" + accountId + ":function:" + name;
    }

    String stateMachine(String name) {
        return "arn:" + partition + ":states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    String rule(String name) {
        return "arn:" + partition + ":events:" + region + ":" + accountId + ":rule/" + name;
    }

    String role(String name) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + name;
    }

    String logGroup(String name) {
        return "arn:" + partition + ":logs:" + region + ":" + accountId + ":log-group:" + name + ":*";
    }

    String bucket(String name) {
        return "arn:" + partition + ":s3:::" + name;
    }

    String queue(String name) {
        return "arn:" + partition + ":sqs:" + region + ":" + accountId + ":" + name;
    }

    String topic(String name) {
        return "arn:" + partition + ":sns:" + region + ":" + accountId + ":" + name;
    }

    String stack(String stackName, String id) {
        return "arn:" + partition + ":cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/" + id;
    }
}

package io.athenaworkflow.local.sfn.asl.definition;

/** The eight state types of the Amazon States Language. */
public enum StateType {
    TASK("Task"),
    PASS("Pass"),
    CHOICE("Choice"),
    WAIT("Wait"),
    SUCCEED("Succeed"),
    FAIL("Fail"),
    PARALLEL("Parallel"),
    MAP("Map");

    private final String aslName;

    StateType(String aslName) {
        this.aslName = aslName;
    }

    /** The name as written in a state's {@code Type} field, and as history event types begin (TaskStateEntered). */
    public String aslName() {
        return aslName;
    }

    static StateType fromAslName(String name) {
        for (StateType type : values()) {
            if (type.aslName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}

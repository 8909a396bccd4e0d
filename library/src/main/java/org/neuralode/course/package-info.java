/**
 * The course's scaffolding: {@link org.neuralode.course.Exercise} checks a student's answer in
 * a notebook's check cell and says right, not yet (with a hint that guides without giving the
 * answer away) or not attempted.
 */
package org.neuralode.course;
